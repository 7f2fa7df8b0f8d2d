import * as migration_20261124_030727_initial from './20261124_030727_initial';
import * as migration_20261124_040900_documents from './20261124_040900_documents';

export const migrations = [
  {
    up: migration_20261124_030727_initial.up,
    down: migration_20261124_030727_initial.down,
    name: '20261124_030727_initial',
  },
  {
    up: migration_20261124_040900_documents.up,
    down: migration_20261124_040900_documents.down,
    name: '20261124_040900_documents'
  },
];
