/**
 * The feature catalogues. Each file exports `{ pl, en }` with the same keys; keys are message codes
 * (`feature.what`). One file per feature keeps parallel work from colliding.
 */
import analysis from './analysis';
import briefing from './briefing';
import common from './common';
import concurrency from './concurrency';
import coordinates from './coordinates';
import desktop from './desktop';
import publicMode from './publicMode';
import security from './security';
import guide from './guide';
import ux from './ux';
import workspace from './workspace';
import hotspots from './hotspots';
import places from './places';
import provenance from './provenance';

export interface FeatureCatalog {
  pl: Record<string, string>;
  en: Record<string, string>;
}

export const CATALOGS: Record<string, FeatureCatalog> = {
  analysis,
  briefing,
  common,
  concurrency,
  coordinates,
  desktop,
  publicMode,
  security,
  guide,
  ux,
  workspace,
  hotspots,
  places,
  provenance,
};
