import * as migration_20261124_024539_initial from './20261124_024539_initial';

export const migrations = [
  {
    up: migration_20261124_024539_initial.up,
    down: migration_20261124_024539_initial.down,
    name: '20261124_024539_initial'
  },
];
