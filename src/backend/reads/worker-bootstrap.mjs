// Loads the TypeScript worker through tsx (source runs without a build step).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
