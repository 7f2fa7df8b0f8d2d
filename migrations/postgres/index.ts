import * as migration_20261124_030727_initial from './20261124_030727_initial';
import * as migration_20261124_045019_documents_factures_emails from './20261124_045019_documents_factures_emails';
import * as migration_20261124_053145_conformite_rapports from './20261124_053145_conformite_rapports';
import * as migration_20261124_060733_rgpd_suppression from './20261124_060733_rgpd_suppression';
import * as migration_20261203_093713_rattachements from './20261203_093713_rattachements';
import * as migration_20261203_094334_messages_idempotence from './20261203_094334_messages_idempotence';
import * as migration_20261203_095000_donnees_stockees from './20261203_095000_donnees_stockees';
import * as migration_20261203_100952_utilisateurs_nom_complet from './20261203_100952_utilisateurs_nom_complet';
import * as migration_20261203_101228_signataire_empreinte from './20261203_101228_signataire_empreinte';
import * as migration_20261203_101430_lectures from './20261203_101430_lectures';
import * as migration_20261203_171500_limites_debit from './20261203_171500_limites_debit';
import * as migration_20261203_171637_bail_taches from './20261203_171637_bail_taches';
import * as migration_20261204_153952_rapprochement_bancaire from './20261204_153952_rapprochement_bancaire';
import * as migration_20261204_155025_echeances_opco from './20261204_155025_echeances_opco';
import * as migration_20261204_155531_webhooks from './20261204_155531_webhooks';
import * as migration_20261204_164753_entreprise_siret from './20261204_164753_entreprise_siret';
import * as migration_20261204_184937_seances from './20261204_184937_seances';
import * as migration_20261204_192020_coherence from './20261204_192020_coherence';
import * as migration_20261204_193516_seances_heures from './20261204_193516_seances_heures';
import * as migration_20261204_194414_emargement from './20261204_194414_emargement';
import * as migration_20261204_200123_signature_convention from './20261204_200123_signature_convention';
import * as migration_20261205_012802_emails_confidentiel from './20261205_012802_emails_confidentiel';

export const migrations = [
  {
    up: migration_20261124_030727_initial.up,
    down: migration_20261124_030727_initial.down,
    name: '20261124_030727_initial',
  },
  {
    up: migration_20261124_045019_documents_factures_emails.up,
    down: migration_20261124_045019_documents_factures_emails.down,
    name: '20261124_045019_documents_factures_emails',
  },
  {
    up: migration_20261124_053145_conformite_rapports.up,
    down: migration_20261124_053145_conformite_rapports.down,
    name: '20261124_053145_conformite_rapports',
  },
  {
    up: migration_20261124_060733_rgpd_suppression.up,
    down: migration_20261124_060733_rgpd_suppression.down,
    name: '20261124_060733_rgpd_suppression',
  },
  {
    up: migration_20261203_093713_rattachements.up,
    down: migration_20261203_093713_rattachements.down,
    name: '20261203_093713_rattachements',
  },
  {
    up: migration_20261203_094334_messages_idempotence.up,
    down: migration_20261203_094334_messages_idempotence.down,
    name: '20261203_094334_messages_idempotence',
  },
  {
    up: migration_20261203_095000_donnees_stockees.up,
    down: migration_20261203_095000_donnees_stockees.down,
    name: '20261203_095000_donnees_stockees',
  },
  {
    up: migration_20261203_100952_utilisateurs_nom_complet.up,
    down: migration_20261203_100952_utilisateurs_nom_complet.down,
    name: '20261203_100952_utilisateurs_nom_complet',
  },
  {
    up: migration_20261203_101228_signataire_empreinte.up,
    down: migration_20261203_101228_signataire_empreinte.down,
    name: '20261203_101228_signataire_empreinte',
  },
  {
    up: migration_20261203_101430_lectures.up,
    down: migration_20261203_101430_lectures.down,
    name: '20261203_101430_lectures',
  },
  {
    up: migration_20261203_171500_limites_debit.up,
    down: migration_20261203_171500_limites_debit.down,
    name: '20261203_171500_limites_debit',
  },
  {
    up: migration_20261203_171637_bail_taches.up,
    down: migration_20261203_171637_bail_taches.down,
    name: '20261203_171637_bail_taches',
  },
  {
    up: migration_20261204_153952_rapprochement_bancaire.up,
    down: migration_20261204_153952_rapprochement_bancaire.down,
    name: '20261204_153952_rapprochement_bancaire',
  },
  {
    up: migration_20261204_155025_echeances_opco.up,
    down: migration_20261204_155025_echeances_opco.down,
    name: '20261204_155025_echeances_opco',
  },
  {
    up: migration_20261204_155531_webhooks.up,
    down: migration_20261204_155531_webhooks.down,
    name: '20261204_155531_webhooks',
  },
  {
    up: migration_20261204_164753_entreprise_siret.up,
    down: migration_20261204_164753_entreprise_siret.down,
    name: '20261204_164753_entreprise_siret',
  },
  {
    up: migration_20261204_184937_seances.up,
    down: migration_20261204_184937_seances.down,
    name: '20261204_184937_seances',
  },
  {
    up: migration_20261204_192020_coherence.up,
    down: migration_20261204_192020_coherence.down,
    name: '20261204_192020_coherence',
  },
  {
    up: migration_20261204_193516_seances_heures.up,
    down: migration_20261204_193516_seances_heures.down,
    name: '20261204_193516_seances_heures',
  },
  {
    up: migration_20261204_194414_emargement.up,
    down: migration_20261204_194414_emargement.down,
    name: '20261204_194414_emargement',
  },
  {
    up: migration_20261204_200123_signature_convention.up,
    down: migration_20261204_200123_signature_convention.down,
    name: '20261204_200123_signature_convention',
  },
  {
    up: migration_20261205_012802_emails_confidentiel.up,
    down: migration_20261205_012802_emails_confidentiel.down,
    name: '20261205_012802_emails_confidentiel'
  },
];
