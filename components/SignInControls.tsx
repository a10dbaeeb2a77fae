import { i18n } from '#i18n';

export interface SignInControlsProps {
  verified: boolean;
  busy: boolean;
  error: string | null;
  onSignIn: () => void;
  onSignOut: (everywhere: boolean) => void;
}

/** Sign in with X, or sign out of this device or every device; the outcome is said in words. */
export function SignInControls({ verified, busy, error, onSignIn, onSignOut }: SignInControlsProps) {
  return (
    <section className="sign-in" aria-busy={busy}>
      {verified ? (
        <>
          <button type="button" data-testid="ringside-sign-out" disabled={busy} onClick={() => onSignOut(false)}>
            {i18n.t('signOut')}
          </button>
          <button type="button" data-testid="ringside-sign-out-everywhere" disabled={busy} onClick={() => onSignOut(true)}>
            {i18n.t('signOutEverywhere')}
          </button>
        </>
      ) : (
        <button type="button" data-testid="ringside-sign-in" disabled={busy} onClick={onSignIn}>
          {busy ? i18n.t('signingIn') : i18n.t('signInWithX')}
        </button>
      )}
      {error && (
        <p role="alert" data-testid="ringside-sign-in-error">
          {error}
        </p>
      )}
    </section>
  );
}
