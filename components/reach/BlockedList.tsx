import { i18n } from '#i18n';

/** The blocked people, each with unblock. */
export function BlockedList({ blocked, onUnblock }: { blocked: readonly string[]; onUnblock(handle: string): void }) {
  return (
    <section aria-labelledby="blocked-title" data-testid="ringside-blocked">
      <h2 id="blocked-title">{i18n.t('blockedTitle')}</h2>
      {blocked.length === 0 ? (
        <p className="empty">{i18n.t('noBlocked')}</p>
      ) : (
        <ul className="calls">
          {blocked.map((handle) => (
            <li key={handle} className="call" data-testid="ringside-blocked-person" data-handle={handle}>
              <span className="call-who">@{handle}</span>
              <button type="button" data-testid="ringside-unblock" aria-label={i18n.t('unblockLabel', [handle])} onClick={() => onUnblock(handle)}>
                {i18n.t('unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
