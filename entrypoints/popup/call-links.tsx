import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ask } from '@/lib/messages/channel';
import { LinkAnswers, type LinkRequest } from '@/lib/messages/link-messages';
import { callLinks } from '@/lib/storage/items';

type StoredLink = Awaited<ReturnType<typeof callLinks.getValue>>[number];

const toBackground = (message: LinkRequest) => browser.runtime.sendMessage(message);
const until = (at: number) => new Date(at).toLocaleString(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** A link's URL with a Copy button that says, for a moment, that it copied. */
function CopyButton({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={() =>
        void navigator.clipboard.writeText(url).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        })
      }
    >
      {i18n.t(copied ? 'linkCopied' : 'linkCopy')}
    </button>
  );
}

/** "New call link", the link just made, and the live ones this device made (each with Copy and Revoke). */
export function CallLinks() {
  const [links, setLinks] = useState<StoredLink[]>([]);
  const [made, setMade] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    void callLinks.getValue().then(setLinks);
    return callLinks.watch((next) => setLinks(next));
  }, []);

  async function create() {
    setBusy(true);
    setFailed(false);
    const created = await ask<LinkRequest, typeof LinkAnswers, { type: 'link.create' }>(LinkAnswers, toBackground, { type: 'link.create' }).catch(() => null);
    setBusy(false);
    setMade(created?.url ?? null);
    setFailed(!created);
  }

  const live = links.filter((link) => link.expiresAt > Date.now());
  return (
    <section className="links" aria-labelledby="links-title">
      <h2 id="links-title">{i18n.t('callLinks')}</h2>
      <button type="button" data-testid="ringside-link-create" disabled={busy} onClick={() => void create()}>
        {i18n.t('linkCreate')}
      </button>
      {failed && <p role="alert" className="error">{i18n.t('linkFailed')}</p>}
      {made && (
        <div className="link-new">
          <label htmlFor="link-url">{i18n.t('linkNew')}</label>
          <div className="link-row">
            <input id="link-url" data-testid="ringside-link-url" readOnly value={made} onFocus={(event) => event.target.select()} />
            <CopyButton url={made} />
          </div>
        </div>
      )}
      <ul className="link-list" data-testid="ringside-links">
        {live.length === 0 && <li className="empty">{i18n.t('noLinks')}</li>}
        {live.map((link) => (
          <li key={link.id} className="link-entry" data-link-id={link.id}>
            <span className="link-until">{i18n.t('linkUntil', [until(link.expiresAt)])}</span>
            <span className="link-actions">
              <CopyButton url={link.url} />
              <button type="button" onClick={() => void ask(LinkAnswers, toBackground, { type: 'link.revoke', id: link.id })}>
                {i18n.t('linkRevoke')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
