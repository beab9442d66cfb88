/**
 * The feature catalogues. Each file exports `{ pl, en }` with the same keys; keys are message codes
 * (`feature.what`). One file per feature keeps parallel work from colliding.
 */
import common from './common';
import coordinates from './coordinates';
import desktop from './desktop';
import publicMode from './publicMode';
import guide from './guide';
import ux from './ux';
import workspace from './workspace';

export interface FeatureCatalog {
  pl: Record<string, string>;
  en: Record<string, string>;
}

export const CATALOGS: Record<string, FeatureCatalog> = {
  common,
  coordinates,
  desktop,
  publicMode,
  guide,
  ux,
  workspace,
};
