import type { RejonApi } from '../../shared/contract';
import { BriefingRequestSchema, PublicOptionsSchema, type briefingMethods, type BriefingLang, type BriefingRequest, type PublicOptions } from '../../shared/contract/briefing';
import type { Backend } from '../backend';
import { buildBriefingData } from '../briefing/data';
import { buildPublicBriefingData } from '../briefing/public';
import { exportBriefing } from '../briefing/exports';
import { printBriefingPdf } from '../briefing/pdf';
import { resolveRequest } from '../briefing/request';
import { deleteTemplate, listTemplates, saveTemplate } from '../briefing/templates';

type Methods = keyof typeof briefingMethods;

/** Inputs arrive validated by dispatch; direct callers (CLI, tests) get the same checks and defaults here. */
const req = (r: BriefingRequest) => BriefingRequestSchema.parse(r);
const pub = (p: PublicOptions | undefined) => (p === undefined ? undefined : PublicOptionsSchema.parse(p));
const lang = (l: BriefingLang | undefined): BriefingLang => (l === 'en' ? 'en' : 'pl');

/** Implementation of the briefing methods of the contract. */
export function briefingApi(backend: Backend): Pick<RejonApi, Methods> {
  const db = backend.db;
  return {
    getBriefingData: async ({ request }) => buildBriefingData(db, backend.workspacePath, req(request)),
    getPublicBriefingData: async ({ request, options }) => buildPublicBriefingData(db, req(request), pub(options) ?? {}),
    exportBriefing: async ({ request, format, public: p, lang: l }) =>
      (await exportBriefing(db, backend.workspacePath, { request: req(request), format, public: pub(p), lang: lang(l) })) as Uint8Array<ArrayBuffer>,
    printBriefingPdf: async ({ request, public: p, lang: l }) => {
      const o = pub(p);
      resolveRequest(db, req(request)); // bad dates or beats fail here, clearly, before a browser starts
      return (await printBriefingPdf(backend, { request: req(request), ...(o ? { public: o } : {}), lang: lang(l) })) as Uint8Array<ArrayBuffer>;
    },
    listBriefingTemplates: async () => listTemplates(db),
    saveBriefingTemplate: async ({ template }) => saveTemplate(db, template),
    deleteBriefingTemplate: async ({ name }) => ({ deleted: deleteTemplate(db, name) }),
  };
}
