import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { PermissionView, type PermissionStep } from '@/components/PermissionView';
import { askForMediaAccess } from '@/lib/call/local-media';
import { PERMISSION_CHANNEL, type PermissionResult } from '@/lib/call/permission-result';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('permissionTitle');

/** Asks in a normal tab, where the browser can show its prompt, and tells the waiting call window. */
async function ask(): Promise<PermissionResult> {
  const result = await askForMediaAccess();
  const channel = new BroadcastChannel(PERMISSION_CHANNEL);
  channel.postMessage(result);
  channel.close();
  return result;
}

function App() {
  const [step, setStep] = useState<PermissionStep>('ask');
  return <PermissionView step={step} onAllow={() => void ask().then(setStep)} onClose={() => window.close()} />;
}

createRoot(document.getElementById('root')!).render(<App />);
