import { buildE2EExtension } from './harness/build';

export default function setup() {
  buildE2EExtension('chrome');
  buildE2EExtension('firefox');
}
