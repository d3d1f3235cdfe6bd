import { el, placeNear } from '../citations-state/dom';
import type { StaleFact } from './provenance';

/** What a stale badge can do. */
export interface StaleMenu {
  review: (eventId: string) => void;
  editable: () => boolean;
}

let openMenu: { panel: HTMLElement; close: () => void } | null = null;

/** Closes the open review menu, if any. */
export function closeStaleMenu(): void {
  openMenu?.close();
}

function showMenu(badge: HTMLElement, fact: StaleFact, menu: StaleMenu): void {
  closeStaleMenu();
  const onOutside = (event: MouseEvent): void => {
    if (event.target instanceof Node && (panel.contains(event.target) || badge.contains(event.target))) return;
    close();
  };
  const onKey = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') close();
  };
  const close = (): void => {
    panel.remove();
    document.removeEventListener('mousedown', onOutside, true);
    document.removeEventListener('keydown', onKey, true);
    if (openMenu?.panel === panel) openMenu = null;
  };
  const panel = el(
    'div',
    { className: 'bd-stale-menu', role: 'dialog', 'aria-label': 'Changed fact', 'data-testid': 'stale-fact-menu' },
    el('p', { className: 'bd-stale-menu__text', text: `${fact.message}.` }),
    el('p', {
      className: 'bd-stale-menu__hint',
      text: fact.reason === 'changed' ? 'Check the sentence against the event, then mark it as reviewed.' : 'Marking it as reviewed keeps the text as your own, without a link to the event.',
    }),
    menu.editable()
      ? el('button', {
          type: 'button',
          className: 'bd-stale-menu__button',
          'data-testid': 'stale-fact-review',
          text: 'Mark as reviewed',
          onClick: () => {
            close();
            menu.review(fact.eventId);
          },
        })
      : null,
  );
  document.body.append(panel);
  placeNear(panel, badge);
  document.addEventListener('mousedown', onOutside, true);
  document.addEventListener('keydown', onKey, true);
  openMenu = { panel, close };
}

/** The badge drawn at the end of a stale fact: "changed" or "deleted", with the reason as tooltip. */
export function createStaleBadge(fact: StaleFact, menu: StaleMenu): HTMLElement {
  const badge = el('button', {
    type: 'button',
    className: `bd-stale-badge is-${fact.reason}`,
    contenteditable: 'false',
    title: fact.message,
    'aria-label': `${fact.message}: review`,
    'data-testid': 'stale-fact',
    'data-event-id': fact.eventId,
    'data-reason': fact.reason,
    text: fact.reason === 'changed' ? 'changed' : fact.reason === 'deleted' ? 'deleted' : 'removed',
  });
  badge.addEventListener('mousedown', (event) => event.preventDefault());
  badge.addEventListener('click', (event) => {
    event.preventDefault();
    showMenu(badge, fact, menu);
  });
  return badge;
}
