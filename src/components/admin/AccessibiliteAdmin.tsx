'use client'
import { useEffect, type ReactNode } from 'react'

/**
 * Accessible names and focus order the admin's stock widgets miss (found by the axe-core audit,
 * tests/e2e/accessibilite.test.ts), added in the browser because those widgets belong to Payload
 * and react-select: selects, date pickers and rich-text boxes get their field's label as their
 * name, icon-only buttons a French name, aria-hidden indicators leave the tab order (the select
 * itself is reached by keyboard: Backspace clears it, arrows open it), and a list holding no
 * list items stops announcing itself as a list. Only missing attributes are added: nothing a
 * widget sets itself is overwritten, so re-renders and our own changes cannot loop.
 */

const FOCUSABLES = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])'
const NOMS_BOUTONS: [string, string][] = [
  ['.date-time-picker__clear-button', 'Effacer la date'],
  ['.clear-indicator', 'Effacer la valeur'],
  ['.popup-button', 'Plus d’actions'],
]

const aUnNom = (el: Element): boolean =>
  (el.getAttribute('aria-label') ?? '').trim() !== '' ||
  el.hasAttribute('aria-labelledby') ||
  (el.id !== '' && el.ownerDocument.querySelector(`label[for="${CSS.escape(el.id)}"]`) !== null) ||
  el.closest('label') !== null

const propre = (t: string | null | undefined): string | null => {
  const v = t?.replace(/\s*\*\s*$/, '').replace(/\s+/g, ' ').trim()
  return v ? v : null
}

function libelleDuChamp(el: Element): string | null {
  const champ = el.closest('.field-type, [data-field-path]')
  const nom = propre(champ?.querySelector('label, .field-label')?.textContent)
  if (nom) return nom
  // A select outside a form field (list controls, dashboard): the nearest label around it, else
  // what its control shows (placeholder or current value).
  let parent = el.parentElement
  for (let i = 0; parent && i < 6; i++, parent = parent.parentElement) {
    const label = Array.from(parent.querySelectorAll('label, [class*="__label"]')).find((l) => !l.contains(el))
    const t = propre(label?.textContent)
    if (t) return t
  }
  const controle = el.closest('.react-select, [class*="-container"]')
  return propre(controle?.querySelector('[class*="placeholder"], [class*="single-value"]')?.textContent)
}

function nomDeSecours(el: Element): string | null {
  if (el.matches('input[type="checkbox"]')) return el.closest('thead, [class*="select-all"], [class*="selectAll"]') ? 'Tout sélectionner' : 'Sélectionner cette ligne'
  if (el.matches('[role="combobox"]')) return 'Choisir une valeur'
  return null
}

function reparer(racine: ParentNode): void {
  racine.querySelectorAll('input:not([type="hidden"]), textarea, select, [contenteditable="true"][role="textbox"]').forEach((el) => {
    if (aUnNom(el)) return
    // A row's checkbox must not borrow a column heading: only a real field label, else its role.
    const nom = (el.matches('input[type="checkbox"]') && !el.closest('.field-type') ? null : libelleDuChamp(el)) ?? propre(el.getAttribute('placeholder')) ?? propre(el.getAttribute('title')) ?? nomDeSecours(el)
    if (nom) el.setAttribute('aria-label', nom)
  })
  for (const [selecteur, nom] of NOMS_BOUTONS) {
    racine.querySelectorAll(selecteur).forEach((el) => {
      if (!el.hasAttribute('aria-label') && (el.textContent ?? '').trim() === '') el.setAttribute('aria-label', nom)
    })
  }
  racine.querySelectorAll('[aria-hidden="true"]').forEach((cache) => {
    for (const el of [cache, ...Array.from(cache.querySelectorAll(FOCUSABLES))]) {
      if (el.matches(FOCUSABLES) && el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1')
    }
  })
  racine.querySelectorAll('ul:not([role]), ol:not([role])').forEach((liste) => {
    const enfants = Array.from(liste.children)
    if (enfants.length > 0 && enfants.some((e) => !['LI', 'SCRIPT', 'TEMPLATE'].includes(e.tagName))) liste.setAttribute('role', 'none')
  })
}

export function AccessibiliteAdmin({ children }: { children?: ReactNode }) {
  useEffect(() => {
    reparer(document)
    let prevu = false
    const observateur = new MutationObserver(() => {
      if (prevu) return
      prevu = true
      // Batched: one pass per burst of React commits.
      queueMicrotask(() => {
        prevu = false
        reparer(document)
      })
    })
    observateur.observe(document.body, { childList: true, subtree: true })
    return () => observateur.disconnect()
  }, [])
  return <>{children}</>
}
