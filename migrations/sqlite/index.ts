import * as migration_20261124_030720_initial from './20261124_030720_initial';
import * as migration_20261124_045017_documents_factures_emails from './20261124_045017_documents_factures_emails';

export const migrations = [
  {
    up: migration_20261124_030720_initial.up,
    down: migration_20261124_030720_initial.down,
    name: '20261124_030720_initial',
  },
  {
    up: migration_20261124_045017_documents_factures_emails.up,
    down: migration_20261124_045017_documents_factures_emails.down,
    name: '20261124_045017_documents_factures_emails'
  },
];
