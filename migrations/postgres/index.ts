import * as migration_20261124_022059_initial from './20261124_022059_initial';

export const migrations = [
  {
    up: migration_20261124_022059_initial.up,
    down: migration_20261124_022059_initial.down,
    name: '20261124_022059_initial'
  },
];
