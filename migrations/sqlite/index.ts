import * as migration_20261124_030720_initial from './20261124_030720_initial';

export const migrations = [
  {
    up: migration_20261124_030720_initial.up,
    down: migration_20261124_030720_initial.down,
    name: '20261124_030720_initial'
  },
];
