import { buildE2EExtension, buildE2EGuestPage } from './harness/build';

export default function setup() {
  buildE2EExtension('chrome');
  buildE2EExtension('firefox');
  buildE2EGuestPage();
}
