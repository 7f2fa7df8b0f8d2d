/**
 * Rappel et précision du moteur de règles de conformité sur le jeu étiqueté
 * (tests/fixtures/conformite.ts). Pur : ni base ni réseau. Écrit son résultat JSON dans
 * BENCH_OUT (bench/run.ts) ou l'affiche seul : `npx tsx bench/conformite.ts`.
 */
import fs from 'node:fs'
import { mesurerJeu } from '@/src/domain/conformity/mesure'
import { JEU_CONFORMITE, MAINTENANT_JEU } from '@/tests/fixtures/conformite'

const m = mesurerJeu(JEU_CONFORMITE, MAINTENANT_JEU)
const resultat = { dossiers: JEU_CONFORMITE.length, conformes: JEU_CONFORMITE.filter((c) => c.defauts.length === 0).length, ...m }
const sortie = process.env.BENCH_OUT
if (sortie) fs.writeFileSync(sortie, JSON.stringify(resultat))
else console.log(JSON.stringify(resultat, null, 2))
