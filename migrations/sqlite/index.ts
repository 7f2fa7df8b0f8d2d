import * as migration_20261124_025523_initial from './20261124_025523_initial';

export const migrations = [
  {
    up: migration_20261124_025523_initial.up,
    down: migration_20261124_025523_initial.down,
    name: '20261124_025523_initial'
  },
];
