import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { CallView } from '@/components/CallView';
import { startCallSession } from './call-session';
import { useCallStore } from './call-store';
import './style.css';

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = i18n.t('callWindowTitle');

const session = startCallSession();

function App() {
  const view = useCallStore((s) => s.view);
  const linkUp = useCallStore((s) => s.linkUp);
  return <CallView view={view} linkUp={linkUp} onHangup={session.hangup} onClose={() => window.close()} />;
}

createRoot(document.getElementById('root')!).render(<App />);
