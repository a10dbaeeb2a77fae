import { i18n } from '#i18n';
import type { SelfInfo } from '@/lib/messages/self-port';

export interface SignInControlsProps {
  self: SelfInfo | null;
  busy: boolean;
  error: string | null;
  onSignIn: () => void;
  onDevSignIn: () => void;
  onSignOut: (everywhere: boolean) => void;
}

/**
 * Sign in with X, or sign out of this device or every device; the outcome is said in words. Where the server
 * runs development sign-in there is no X to sign in with: the popup says how that server is set up instead of
 * offering a button that would fail, and signs in again as the account x.com shows.
 */
export function SignInControls({ self, busy, error, onSignIn, onDevSignIn, onSignOut }: SignInControlsProps) {
  const devServer = self?.signIn === 'dev';
  return (
    <section className="sign-in" aria-busy={busy}>
      {self?.handle && (
        <button type="button" data-testid="ringside-sign-out" disabled={busy} onClick={() => onSignOut(false)}>
          {i18n.t('signOut')}
        </button>
      )}
      {self?.handle && self.verified && (
        <button type="button" data-testid="ringside-sign-out-everywhere" disabled={busy} onClick={() => onSignOut(true)}>
          {i18n.t('signOutEverywhere')}
        </button>
      )}
      {!self?.verified && !devServer && (
        <button type="button" data-testid="ringside-sign-in" disabled={busy} onClick={onSignIn}>
          {busy ? i18n.t('signingIn') : i18n.t('signInWithX')}
        </button>
      )}
      {!self?.handle && devServer && self.devHandle && (
        <button type="button" data-testid="ringside-dev-sign-in" disabled={busy} onClick={onDevSignIn}>
          {i18n.t('devSignInAs', [self.devHandle])}
        </button>
      )}
      {devServer && (
        <p className="server-mode" data-testid="ringside-server-mode">
          {i18n.t('devServerExplained')}
        </p>
      )}
      {error && (
        <p role="alert" data-testid="ringside-sign-in-error">
          {error}
        </p>
      )}
    </section>
  );
}
