import { useState } from 'react';
import { initialOf } from '@/lib/call/stage';

/**
 * A person's picture from X, or their initial where there is none or it does not load (gone, blocked): never
 * a broken-image box. Decorative: the name beside it says who it is.
 */
export function Avatar({ handle, url, label }: { handle: string; url?: string; label?: string }) {
  const [failed, setFailed] = useState(false);
  if (url && !failed) return <img className="avatar" src={url} alt="" referrerPolicy="no-referrer" onError={() => setFailed(true)} />;
  return (
    <span className="avatar" aria-hidden="true">
      {initialOf(label ?? handle)}
    </span>
  );
}
