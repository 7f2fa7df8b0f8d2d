import * as migration_20261124_015835_initial from './20261124_015835_initial';

export const migrations = [
  {
    up: migration_20261124_015835_initial.up,
    down: migration_20261124_015835_initial.down,
    name: '20261124_015835_initial'
  },
];
