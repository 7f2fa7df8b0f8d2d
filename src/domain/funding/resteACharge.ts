/**
 * What the company still pays once the OPCO has answered: the training's total cost minus the
 * amount the OPCO granted (montant validé), in integer cents. Never negative — an OPCO grant
 * above the cost leaves nothing to pay, it does not owe the company money. `null` when either
 * figure is missing (no answer yet, or no cost typed): the portal then says nothing rather than
 * a wrong figure.
 */
export function resteAChargeApresAccord(coutTotalHT: unknown, montantValide: unknown): number | null {
  if (!Number.isSafeInteger(coutTotalHT) || !Number.isSafeInteger(montantValide)) return null
  return Math.max(0, (coutTotalHT as number) - (montantValide as number))
}
