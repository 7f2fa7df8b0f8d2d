import * as migration_20261124_030720_initial from './20261124_030720_initial';
import * as migration_20261124_040858_documents from './20261124_040858_documents';

export const migrations = [
  {
    up: migration_20261124_030720_initial.up,
    down: migration_20261124_030720_initial.down,
    name: '20261124_030720_initial',
  },
  {
    up: migration_20261124_040858_documents.up,
    down: migration_20261124_040858_documents.down,
    name: '20261124_040858_documents'
  },
];
