import { i18n } from '#i18n';
import type { GuestSelf } from './guest-store';

/**
 * Sign in with X on the guest page, where the server offers it: the owner then sees a verified name (and a
 * person they blocked cannot use the link). Once signed in, who the guest will ring as.
 */
export function XIdentity({ owner, you, offered, failed, onSignIn }: { owner: string; you?: GuestSelf; offered: boolean; failed: boolean; onSignIn(): void }) {
  if (you) {
    return (
      <p className="x-identity" data-testid="ringside-guest-x-self" data-handle={you.handle}>
        {i18n.t('guestSignedInAs', [you.name, you.handle])}
      </p>
    );
  }
  if (!offered) return null;
  return (
    <div className="x-sign-in">
      <button type="button" data-testid="ringside-guest-x-sign-in" onClick={onSignIn}>
        {i18n.t('guestSignInWithX')}
      </button>
      {failed ? (
        <p className="help" role="alert">
          {i18n.t('guestSignInFailed')}
        </p>
      ) : (
        <p className="note">{i18n.t('guestSignInWhy', [owner])}</p>
      )}
    </div>
  );
}
