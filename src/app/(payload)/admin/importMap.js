import { StatutCell as StatutCell_b3b63c110e8d961a5e2f5da51b2cc878 } from '../../../../src/components/admin/StatutBadge'
import { WorkflowPanel as WorkflowPanel_270bc4abec1b462ef3b84801dd41edfe } from '../../../../src/components/admin/WorkflowPanel'
import { PiecesRequises as PiecesRequises_3668371c554628332135030c83ca0209 } from '../../../../src/components/admin/PiecesRequises'
import { MessagesNonLusCell as MessagesNonLusCell_26c4a89c572d0acaa273d8225e5f5649 } from '../../../../src/components/admin/MessagesNonLusCell'
import { Vide as Vide_6b053322e27edbc75e7b554c0db06f6c } from '../../../../src/components/admin/Vide'
import { EntrepriseDossier as EntrepriseDossier_9ba6e3e4b893a42deac8dbe18dd74756 } from '../../../../src/components/admin/EntrepriseDossier'
import { ProchaineEcheance as ProchaineEcheance_f94b7f4b0a8bdfb9dcfce781d11a32ea } from '../../../../src/components/admin/ProchaineEcheance'
import { RscEntryLexicalCell as RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { RscEntryLexicalField as RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { LexicalDiffComponent as LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e } from '@payloadcms/richtext-lexical/rsc'
import { InlineToolbarFeatureClient as InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HorizontalRuleFeatureClient as HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UploadFeatureClient as UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BlockquoteFeatureClient as BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { RelationshipFeatureClient as RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { LinkFeatureClient as LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ChecklistFeatureClient as ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { OrderedListFeatureClient as OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnorderedListFeatureClient as UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { IndentFeatureClient as IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { AlignFeatureClient as AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { HeadingFeatureClient as HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ParagraphFeatureClient as ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { InlineCodeFeatureClient as InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SuperscriptFeatureClient as SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { SubscriptFeatureClient as SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { StrikethroughFeatureClient as StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { UnderlineFeatureClient as UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { BoldFeatureClient as BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { ItalicFeatureClient as ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864 } from '@payloadcms/richtext-lexical/client'
import { MontantCell as MontantCell_a7f6c60f9fb31c9eec36b9c5908e8647 } from '../../../../src/components/admin/MontantCell'
import { MontantChamp as MontantChamp_b41fcbf9a507a2bc682a43ecc2ae8398 } from '../../../../src/components/admin/MontantChamp'
import { EstimationFinancement as EstimationFinancement_c68c4774212a8f523012fa46e0a921a2 } from '../../../../src/components/admin/EstimationFinancement'
import { SeancesDossier as SeancesDossier_d3ef342e9e211c1490d49050ce805cbe } from '../../../../src/components/admin/SeancesDossier'
import { DocumentsGeneres as DocumentsGeneres_522d777fd11fd412efbfdd5420530fec } from '../../../../src/components/admin/DocumentsGeneres'
import { SignatureConvention as SignatureConvention_af0002dd036f2e147cb1909c1e2c4e49 } from '../../../../src/components/admin/SignatureConvention'
import { FilMessages as FilMessages_ad0a9a2f670a64644685b7ef8748b315 } from '../../../../src/components/admin/FilMessages'
import { Historique as Historique_c10c5b77cde0a55b5d70b10903afcc68 } from '../../../../src/components/admin/Historique'
import { Conformite as Conformite_b95d46dd3f9f93ec5649801a1226fbbb } from '../../../../src/components/admin/Conformite'
import { RemplirDepuisSiret as RemplirDepuisSiret_5899c797280a0740e1a5876dd69118a1 } from '../../../../src/components/admin/RemplirDepuisSiret'
import { PrevisionPaiementChamp as PrevisionPaiementChamp_7b872498fee07882a6411df7ae793ce5 } from '../../../../src/components/admin/PrevisionPaiement'
import { PrevisionPaiementCell as PrevisionPaiementCell_7b872498fee07882a6411df7ae793ce5 } from '../../../../src/components/admin/PrevisionPaiement'
import { RenvoyerEmail as RenvoyerEmail_8507e0b83ed1ff9aa6c678dad1bba8f7 } from '../../../../src/components/admin/RenvoyerEmail'
import { EmailsEtat as EmailsEtat_fcbf935581b0e49052f4001e4c879bed } from '../../../../src/components/admin/EmailsEtat'
import { TexteMessageCell as TexteMessageCell_13fffb4dd78d52debbeef5b267905f30 } from '../../../../src/components/admin/MessageCellules'
import { DateHeureMessageCell as DateHeureMessageCell_13fffb4dd78d52debbeef5b267905f30 } from '../../../../src/components/admin/MessageCellules'
import { JsonLecture as JsonLecture_488c8cb8f0aa3f8da735923854a972ab } from '../../../../src/components/admin/JsonLecture'
import { DecisionRattachement as DecisionRattachement_f366a464722ff3a6d3263f7e51ed3b11 } from '../../../../src/components/admin/DecisionRattachement'
import { RejouerWebhook as RejouerWebhook_e0a02178f9e0c4f8e64ccd6f84795da8 } from '../../../../src/components/admin/RejouerWebhook'
import { EmargementSeance as EmargementSeance_f3d5a29f7969f6f5bfd048afc3c7f47d } from '../../../../src/components/admin/EmargementSeance'
import { JsonSaisie as JsonSaisie_3226b0b041252bb761da27a1b592a3aa } from '../../../../src/components/admin/JsonSaisie'
import { LienExportCell as LienExportCell_8ac4fd6c44bc7ed9f0591e6dd61419c2 } from '../../../../src/components/admin/rapports/LienExport'
import { LienExportField as LienExportField_8ac4fd6c44bc7ed9f0591e6dd61419c2 } from '../../../../src/components/admin/rapports/LienExport'
import { NavLiens as NavLiens_81314d52a75a5c71baf3ffad4833b173 } from '../../../../src/components/admin/NavLiens'
import { TableauDeBord as TableauDeBord_aab985e83b40596a6b0b241ae1ccea57 } from '../../../../src/components/admin/rapports/TableauDeBord'
import { AccessibiliteAdmin as AccessibiliteAdmin_4ceb949b65a68f27c1bf66cda2a4e63b } from '../../../../src/components/admin/AccessibiliteAdmin'
import { S3ClientUploadHandler as S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24 } from '@payloadcms/storage-s3/client'
import { Accueil as Accueil_f2cfdc9acac3ce1d9388c0037866cb2b } from '../../../../src/components/admin/Accueil'
import { VueOpco as VueOpco_506a048900dd57cbe62313ca68c17050 } from '../../../../src/components/admin/VueOpco'
import { VueAnomalies as VueAnomalies_552220ee053fe6ddc3eaef4134410364 } from '../../../../src/components/admin/VueAnomalies'
import { VueRapprochement as VueRapprochement_2f816dfc6a4b3cede1b66201266d45c3 } from '../../../../src/components/admin/VueRapprochement'
import { VueRapports as VueRapports_c74540dbf97ea4616e7f864970df78eb } from '../../../../src/components/admin/rapports/VueRapports'
import { VuePaiements as VuePaiements_ec8c9f5826207af267ed49003fa331f7 } from '../../../../src/components/admin/rapports/VuePaiements'
import { CollectionCards as CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1 } from '@payloadcms/next/rsc'

/** @type import('payload').ImportMap */
export const importMap = {
  "/src/components/admin/StatutBadge#StatutCell": StatutCell_b3b63c110e8d961a5e2f5da51b2cc878,
  "/src/components/admin/WorkflowPanel#WorkflowPanel": WorkflowPanel_270bc4abec1b462ef3b84801dd41edfe,
  "/src/components/admin/PiecesRequises#PiecesRequises": PiecesRequises_3668371c554628332135030c83ca0209,
  "/src/components/admin/MessagesNonLusCell#MessagesNonLusCell": MessagesNonLusCell_26c4a89c572d0acaa273d8225e5f5649,
  "/src/components/admin/Vide#Vide": Vide_6b053322e27edbc75e7b554c0db06f6c,
  "/src/components/admin/EntrepriseDossier#EntrepriseDossier": EntrepriseDossier_9ba6e3e4b893a42deac8dbe18dd74756,
  "/src/components/admin/ProchaineEcheance#ProchaineEcheance": ProchaineEcheance_f94b7f4b0a8bdfb9dcfce781d11a32ea,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalCell": RscEntryLexicalCell_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#RscEntryLexicalField": RscEntryLexicalField_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/rsc#LexicalDiffComponent": LexicalDiffComponent_44fe37237e0ebf4470c9990d8cb7b07e,
  "@payloadcms/richtext-lexical/client#InlineToolbarFeatureClient": InlineToolbarFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HorizontalRuleFeatureClient": HorizontalRuleFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UploadFeatureClient": UploadFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BlockquoteFeatureClient": BlockquoteFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#RelationshipFeatureClient": RelationshipFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#LinkFeatureClient": LinkFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ChecklistFeatureClient": ChecklistFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#OrderedListFeatureClient": OrderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnorderedListFeatureClient": UnorderedListFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#IndentFeatureClient": IndentFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#AlignFeatureClient": AlignFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#HeadingFeatureClient": HeadingFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ParagraphFeatureClient": ParagraphFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#InlineCodeFeatureClient": InlineCodeFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SuperscriptFeatureClient": SuperscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#SubscriptFeatureClient": SubscriptFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#StrikethroughFeatureClient": StrikethroughFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#UnderlineFeatureClient": UnderlineFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#BoldFeatureClient": BoldFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "@payloadcms/richtext-lexical/client#ItalicFeatureClient": ItalicFeatureClient_e70f5e05f09f93e00b997edb1ef0c864,
  "/src/components/admin/MontantCell#MontantCell": MontantCell_a7f6c60f9fb31c9eec36b9c5908e8647,
  "/src/components/admin/MontantChamp#MontantChamp": MontantChamp_b41fcbf9a507a2bc682a43ecc2ae8398,
  "/src/components/admin/EstimationFinancement#EstimationFinancement": EstimationFinancement_c68c4774212a8f523012fa46e0a921a2,
  "/src/components/admin/SeancesDossier#SeancesDossier": SeancesDossier_d3ef342e9e211c1490d49050ce805cbe,
  "/src/components/admin/DocumentsGeneres#DocumentsGeneres": DocumentsGeneres_522d777fd11fd412efbfdd5420530fec,
  "/src/components/admin/SignatureConvention#SignatureConvention": SignatureConvention_af0002dd036f2e147cb1909c1e2c4e49,
  "/src/components/admin/FilMessages#FilMessages": FilMessages_ad0a9a2f670a64644685b7ef8748b315,
  "/src/components/admin/Historique#Historique": Historique_c10c5b77cde0a55b5d70b10903afcc68,
  "/src/components/admin/Conformite#Conformite": Conformite_b95d46dd3f9f93ec5649801a1226fbbb,
  "/src/components/admin/RemplirDepuisSiret#RemplirDepuisSiret": RemplirDepuisSiret_5899c797280a0740e1a5876dd69118a1,
  "/src/components/admin/PrevisionPaiement#PrevisionPaiementChamp": PrevisionPaiementChamp_7b872498fee07882a6411df7ae793ce5,
  "/src/components/admin/PrevisionPaiement#PrevisionPaiementCell": PrevisionPaiementCell_7b872498fee07882a6411df7ae793ce5,
  "/src/components/admin/RenvoyerEmail#RenvoyerEmail": RenvoyerEmail_8507e0b83ed1ff9aa6c678dad1bba8f7,
  "/src/components/admin/EmailsEtat#EmailsEtat": EmailsEtat_fcbf935581b0e49052f4001e4c879bed,
  "/src/components/admin/MessageCellules#TexteMessageCell": TexteMessageCell_13fffb4dd78d52debbeef5b267905f30,
  "/src/components/admin/MessageCellules#DateHeureMessageCell": DateHeureMessageCell_13fffb4dd78d52debbeef5b267905f30,
  "/src/components/admin/JsonLecture#JsonLecture": JsonLecture_488c8cb8f0aa3f8da735923854a972ab,
  "/src/components/admin/DecisionRattachement#DecisionRattachement": DecisionRattachement_f366a464722ff3a6d3263f7e51ed3b11,
  "/src/components/admin/RejouerWebhook#RejouerWebhook": RejouerWebhook_e0a02178f9e0c4f8e64ccd6f84795da8,
  "/src/components/admin/EmargementSeance#EmargementSeance": EmargementSeance_f3d5a29f7969f6f5bfd048afc3c7f47d,
  "/src/components/admin/JsonSaisie#JsonSaisie": JsonSaisie_3226b0b041252bb761da27a1b592a3aa,
  "/src/components/admin/rapports/LienExport#LienExportCell": LienExportCell_8ac4fd6c44bc7ed9f0591e6dd61419c2,
  "/src/components/admin/rapports/LienExport#LienExportField": LienExportField_8ac4fd6c44bc7ed9f0591e6dd61419c2,
  "/src/components/admin/NavLiens#NavLiens": NavLiens_81314d52a75a5c71baf3ffad4833b173,
  "/src/components/admin/rapports/TableauDeBord#TableauDeBord": TableauDeBord_aab985e83b40596a6b0b241ae1ccea57,
  "/src/components/admin/AccessibiliteAdmin#AccessibiliteAdmin": AccessibiliteAdmin_4ceb949b65a68f27c1bf66cda2a4e63b,
  "@payloadcms/storage-s3/client#S3ClientUploadHandler": S3ClientUploadHandler_f97aa6c64367fa259c5bc0567239ef24,
  "/src/components/admin/Accueil#Accueil": Accueil_f2cfdc9acac3ce1d9388c0037866cb2b,
  "/src/components/admin/VueOpco#VueOpco": VueOpco_506a048900dd57cbe62313ca68c17050,
  "/src/components/admin/VueAnomalies#VueAnomalies": VueAnomalies_552220ee053fe6ddc3eaef4134410364,
  "/src/components/admin/VueRapprochement#VueRapprochement": VueRapprochement_2f816dfc6a4b3cede1b66201266d45c3,
  "/src/components/admin/rapports/VueRapports#VueRapports": VueRapports_c74540dbf97ea4616e7f864970df78eb,
  "/src/components/admin/rapports/VuePaiements#VuePaiements": VuePaiements_ec8c9f5826207af267ed49003fa331f7,
  "@payloadcms/next/rsc#CollectionCards": CollectionCards_f9c02e79a4aed9a3924487c0cd4cafb1
}
