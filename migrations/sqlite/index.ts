import * as migration_20261124_022053_initial from './20261124_022053_initial';

export const migrations = [
  {
    up: migration_20261124_022053_initial.up,
    down: migration_20261124_022053_initial.down,
    name: '20261124_022053_initial'
  },
];
