import type { Figures } from '../../src/forms/common/figures.js';
import type { ConferenceContext, DocumentChoice } from '../../src/forms/conference-report.js';
import { startForm, step } from '../../src/forms/engine.js';
import type { FormContext, FormDef, FormState, OutMessage, StepResult } from '../../src/forms/types.js';

/** Drives a form the way a user would: type, press a labelled button; remembers the last message. */
export class FormDriver<C extends FormContext> {
  state: FormState;
  last: OutMessage;
  result: StepResult;

  constructor(
    readonly def: FormDef<C>,
    readonly ctx: C,
    init: Parameters<typeof startForm<C>>[3] = {},
  ) {
    this.result = startForm(def, ctx, 'tok1', init);
    if (this.result.kind !== 'continue') throw new Error('form did not start');
    this.state = this.result.state;
    this.last = this.result.messages[0] as OutMessage;
  }

  private apply(r: StepResult): StepResult {
    this.result = r;
    if (r.kind === 'continue') {
      this.state = r.state;
      this.last = r.messages[0] as OutMessage;
    }
    return r;
  }

  type(text: string) {
    return this.apply(step(this.def, this.state, { type: 'text', text }, this.ctx));
  }

  other() {
    return this.apply(step(this.def, this.state, { type: 'other' }, this.ctx));
  }

  labels(): string[] {
    return this.last.buttons.flat().map((b) => b.label);
  }

  press(label: string | RegExp, token = this.state.token) {
    const b = this.last.buttons
      .flat()
      .find((x) => (typeof label === 'string' ? x.label === label : label.test(x.label)));
    if (!b) throw new Error(`no button ${label} among ${this.labels().join(' | ')}`);
    return this.apply(step(this.def, this.state, { type: 'button', token, action: b.action }, this.ctx));
  }
}

export const DOCS: DocumentChoice[] = [
  { id: 1, code: '35-NQ/TW', issuedOn: '2018-10-22' },
  { id: 2, code: '57-NQ/TW', issuedOn: '2024-12-22' },
  { id: 3, code: '05-CT/TW', issuedOn: '2016-05-15' },
  { id: 4, code: '05-NQ/TU', issuedOn: '2021-03-01' },
];

/** Thanh Mai's figures as of 01/07/2025: 130 members, 4 exempt, 5 reporters, 20 who must keep a personal plan. */
export const THANH_MAI: Figures = {
  asOf: '2025-07-01',
  partyMembers: 130,
  exemptMembers: 4,
  reporters: 5,
  personalPlanRequired: 20,
  hasLoudspeaker: true,
  bridgePoints: 1,
};

/** Unit 7 (Thanh Mai, from 01/07/2025) has figures (126 must study); unit 8 has none. Today is 28/11/2026. */
export function conferenceCtx(over: Partial<ConferenceContext> = {}): ConferenceContext {
  return {
    today: '2026-11-28',
    units: [{ id: 7, name: 'Đảng ủy xã Thanh Mai', validFrom: '2025-07-01', validTo: null }],
    recentDocuments: DOCS.slice(0, 3),
    documentsByIds: (ids) => DOCS.filter((d) => ids.includes(d.id)),
    documentsByNumber: (n) => DOCS.filter((d) => Number.parseInt(d.code, 10) === n),
    documentsByCode: (code) => DOCS.filter((d) => d.code.toLowerCase() === code.toLowerCase()),
    figuresOn: (unitId, day) => (unitId === 7 && day >= THANH_MAI.asOf ? THANH_MAI : null),
    ...over,
  };
}
