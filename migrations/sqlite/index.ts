import * as migration_20261124_030720_initial from './20261124_030720_initial';
import * as migration_20261124_045017_documents_factures_emails from './20261124_045017_documents_factures_emails';
import * as migration_20261124_053141_conformite_rapports from './20261124_053141_conformite_rapports';
import * as migration_20261124_060727_rgpd_suppression from './20261124_060727_rgpd_suppression';
import * as migration_20261203_093708_rattachements from './20261203_093708_rattachements';
import * as migration_20261203_094331_messages_idempotence from './20261203_094331_messages_idempotence';
import * as migration_20261203_095000_donnees_stockees from './20261203_095000_donnees_stockees';
import * as migration_20261203_100944_utilisateurs_nom_complet from './20261203_100944_utilisateurs_nom_complet';
import * as migration_20261203_101218_signataire_empreinte from './20261203_101218_signataire_empreinte';
import * as migration_20261203_101424_lectures from './20261203_101424_lectures';
import * as migration_20261203_171621_bail_taches from './20261203_171621_bail_taches';
import * as migration_20261204_153932_rapprochement_bancaire from './20261204_153932_rapprochement_bancaire';
import * as migration_20261204_155019_echeances_opco from './20261204_155019_echeances_opco';
import * as migration_20261204_155513_webhooks from './20261204_155513_webhooks';
import * as migration_20261204_164744_entreprise_siret from './20261204_164744_entreprise_siret';
import * as migration_20261204_184931_seances from './20261204_184931_seances';
import * as migration_20261204_192006_coherence from './20261204_192006_coherence';
import * as migration_20261204_193459_seances_heures from './20261204_193459_seances_heures';
import * as migration_20261204_194358_emargement from './20261204_194358_emargement';
import * as migration_20261204_200117_signature_convention from './20261204_200117_signature_convention';
import * as migration_20261205_012745_emails_confidentiel from './20261205_012745_emails_confidentiel';

export const migrations = [
  {
    up: migration_20261124_030720_initial.up,
    down: migration_20261124_030720_initial.down,
    name: '20261124_030720_initial',
  },
  {
    up: migration_20261124_045017_documents_factures_emails.up,
    down: migration_20261124_045017_documents_factures_emails.down,
    name: '20261124_045017_documents_factures_emails',
  },
  {
    up: migration_20261124_053141_conformite_rapports.up,
    down: migration_20261124_053141_conformite_rapports.down,
    name: '20261124_053141_conformite_rapports',
  },
  {
    up: migration_20261124_060727_rgpd_suppression.up,
    down: migration_20261124_060727_rgpd_suppression.down,
    name: '20261124_060727_rgpd_suppression',
  },
  {
    up: migration_20261203_093708_rattachements.up,
    down: migration_20261203_093708_rattachements.down,
    name: '20261203_093708_rattachements',
  },
  {
    up: migration_20261203_094331_messages_idempotence.up,
    down: migration_20261203_094331_messages_idempotence.down,
    name: '20261203_094331_messages_idempotence',
  },
  {
    up: migration_20261203_095000_donnees_stockees.up,
    down: migration_20261203_095000_donnees_stockees.down,
    name: '20261203_095000_donnees_stockees',
  },
  {
    up: migration_20261203_100944_utilisateurs_nom_complet.up,
    down: migration_20261203_100944_utilisateurs_nom_complet.down,
    name: '20261203_100944_utilisateurs_nom_complet',
  },
  {
    up: migration_20261203_101218_signataire_empreinte.up,
    down: migration_20261203_101218_signataire_empreinte.down,
    name: '20261203_101218_signataire_empreinte',
  },
  {
    up: migration_20261203_101424_lectures.up,
    down: migration_20261203_101424_lectures.down,
    name: '20261203_101424_lectures',
  },
  {
    up: migration_20261203_171621_bail_taches.up,
    down: migration_20261203_171621_bail_taches.down,
    name: '20261203_171621_bail_taches',
  },
  {
    up: migration_20261204_153932_rapprochement_bancaire.up,
    down: migration_20261204_153932_rapprochement_bancaire.down,
    name: '20261204_153932_rapprochement_bancaire',
  },
  {
    up: migration_20261204_155019_echeances_opco.up,
    down: migration_20261204_155019_echeances_opco.down,
    name: '20261204_155019_echeances_opco',
  },
  {
    up: migration_20261204_155513_webhooks.up,
    down: migration_20261204_155513_webhooks.down,
    name: '20261204_155513_webhooks',
  },
  {
    up: migration_20261204_164744_entreprise_siret.up,
    down: migration_20261204_164744_entreprise_siret.down,
    name: '20261204_164744_entreprise_siret',
  },
  {
    up: migration_20261204_184931_seances.up,
    down: migration_20261204_184931_seances.down,
    name: '20261204_184931_seances',
  },
  {
    up: migration_20261204_192006_coherence.up,
    down: migration_20261204_192006_coherence.down,
    name: '20261204_192006_coherence',
  },
  {
    up: migration_20261204_193459_seances_heures.up,
    down: migration_20261204_193459_seances_heures.down,
    name: '20261204_193459_seances_heures',
  },
  {
    up: migration_20261204_194358_emargement.up,
    down: migration_20261204_194358_emargement.down,
    name: '20261204_194358_emargement',
  },
  {
    up: migration_20261204_200117_signature_convention.up,
    down: migration_20261204_200117_signature_convention.down,
    name: '20261204_200117_signature_convention',
  },
  {
    up: migration_20261205_012745_emails_confidentiel.up,
    down: migration_20261205_012745_emails_confidentiel.down,
    name: '20261205_012745_emails_confidentiel'
  },
];
