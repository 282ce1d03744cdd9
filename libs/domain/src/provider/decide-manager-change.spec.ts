import {
  contextOn,
  providerFrom,
  providerRegistered,
  thrownBy,
  TODAY,
} from '../testing/domain-test-kit';
import { decideProvider } from './decide-provider';
import { ProviderCommand } from './provider.commands';
import { ProviderEvent } from './provider.events';
import { RegisteredProvider } from './provider.state';

function decide(command: ProviderCommand, given: ProviderEvent[]) {
  return decideProvider(command, providerFrom(given), contextOn());
}
function after(given: ProviderEvent[], command: ProviderCommand) {
  return [...given, ...decide(command, given)];
}

const report = (changeId: string, takesOverOn: string) =>
  ({
    type: 'ReportManagerChange',
    data: { providerId: 'p-1', changeId, newManagerName: 'Anna Andersson', takesOverOn },
  }) as const;
const approve = (changeId: string) =>
  ({ type: 'ApproveManagerChange', data: { providerId: 'p-1', changeId } }) as const;
const reject = (changeId: string) =>
  ({
    type: 'RejectManagerChange',
    data: { providerId: 'p-1', changeId, reasons: ['Saknar två års arbetsledning.'] },
  }) as const;

describe('manager changes', () => {
  it('records a change reported in advance, pending approval', () => {
    expect(decide(report('c-1', '2025-04-01'), [providerRegistered()])).toEqual([
      {
        type: 'ManagerChangeReported',
        data: {
          providerId: 'p-1',
          changeId: 'c-1',
          newManagerName: 'Anna Andersson',
          takesOverOn: '2025-04-01',
          reportedOn: TODAY,
          reportedLate: false,
        },
      },
    ]);
  });

  it('flags a change reported after the new manager took over as late', () => {
    const [event] = decide(report('c-1', '2025-02-01'), [providerRegistered()]);
    expect(event.data).toMatchObject({ reportedLate: true });
  });

  it('approves a change, making the new manager current', () => {
    const state = providerFrom(
      after(after([providerRegistered()], report('c-1', '2025-04-01')), approve('c-1')),
    ) as RegisteredProvider;
    expect(state.manager).toBe('Anna Andersson');
    expect(state.managerChanges[0]).toMatchObject({ status: 'approved', decidedOn: TODAY });
  });

  it('rejects a change with reasons, keeping the previous manager', () => {
    const state = providerFrom(
      after(after([providerRegistered()], report('c-1', '2025-04-01')), reject('c-1')),
    ) as RegisteredProvider;
    expect(state.manager).toBeNull();
    expect(state.managerChanges[0]).toMatchObject({
      status: 'rejected',
      rejectionReasons: ['Saknar två års arbetsledning.'],
    });
  });

  it('refuses a second report while one awaits approval', () => {
    const given = after([providerRegistered()], report('c-1', '2025-04-01'));
    expect(thrownBy(() => decide(report('c-2', '2025-05-01'), given)).code).toBe(
      'MANAGER_CHANGE_PENDING',
    );
  });

  it('refuses to decide a change that was not reported or is already decided', () => {
    expect(thrownBy(() => decide(approve('c-9'), [providerRegistered()])).code).toBe(
      'MANAGER_CHANGE_NOT_FOUND',
    );
    const approved = after(
      after([providerRegistered()], report('c-1', '2025-04-01')),
      approve('c-1'),
    );
    expect(thrownBy(() => decide(reject('c-1'), approved)).code).toBe(
      'MANAGER_CHANGE_ALREADY_DECIDED',
    );
    expect(thrownBy(() => decide(report('c-1', '2025-06-01'), approved)).code).toBe(
      'ALREADY_RECORDED',
    );
  });
});
