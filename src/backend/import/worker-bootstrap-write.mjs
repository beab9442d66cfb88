// Loads the TypeScript import writer through tsx (source runs without a build step).
import { register } from 'tsx/esm/api';

register();
await import('./writeWorker.ts');
