/** A `ui` field shown only as a list column: nothing in the edit view. */
export function Vide() {
  return null
}
