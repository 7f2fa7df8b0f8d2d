import type { ChampDef } from './etat'

export const LIBELLES_ETAPES = {
  beneficiaire: 'Bénéficiaire',
  entreprise: 'Entreprise',
  formation: 'Formation',
  couts: 'Coûts',
  recapitulatif: 'Récapitulatif',
} as const
export type EtapeAssistant = keyof typeof LIBELLES_ETAPES

export function Etapes({ courante, id }: { courante: EtapeAssistant; id?: number | string }) {
  return (
    <nav aria-label="Étapes du dossier">
      <ol className="etapes">
        {(Object.keys(LIBELLES_ETAPES) as EtapeAssistant[]).map((e) => (
          <li key={e} aria-current={e === courante ? 'step' : undefined}>
            {id !== undefined && e !== courante ? <a href={`/dossiers/${id}/modifier/${e}`} style={{ color: 'inherit' }}>{LIBELLES_ETAPES[e]}</a> : LIBELLES_ETAPES[e]}
          </li>
        ))}
      </ol>
    </nav>
  )
}

export const CHAMPS_BENEFICIAIRE: ChampDef[] = [
  {
    nom: 'typeFormation',
    libelle: 'Type de demande',
    type: 'select',
    requis: true,
    options: [
      { valeur: 'formation', libelle: 'Formation' },
      { valeur: 'bilan', libelle: 'Bilan de compétences' },
    ],
  },
  { nom: 'beneficiaire.prenom', libelle: 'Prénom de la personne formée', requis: true, autocomplete: 'off' },
  { nom: 'beneficiaire.nom', libelle: 'Nom de la personne formée', requis: true, autocomplete: 'off' },
  { nom: 'beneficiaire.email', libelle: 'E-mail de la personne formée', type: 'email' },
  { nom: 'beneficiaire.telephone', libelle: 'Téléphone', type: 'tel' },
]
