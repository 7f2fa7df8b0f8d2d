import * as migration_20261124_015841_initial from './20261124_015841_initial';

export const migrations = [
  {
    up: migration_20261124_015841_initial.up,
    down: migration_20261124_015841_initial.down,
    name: '20261124_015841_initial'
  },
];
