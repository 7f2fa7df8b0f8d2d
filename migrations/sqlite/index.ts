import * as migration_20261124_024531_initial from './20261124_024531_initial';

export const migrations = [
  {
    up: migration_20261124_024531_initial.up,
    down: migration_20261124_024531_initial.down,
    name: '20261124_024531_initial'
  },
];
