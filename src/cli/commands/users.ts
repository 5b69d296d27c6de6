import { OPERATOR_ACTOR, OperatorRefusal, type NewAccount } from '../../features/admin/operator-service.ts';
import type { Services } from '../../services.ts';

/** A command refused: its message is printed as it is, and the exit code is 1. */
export { OperatorRefusal as CliError };

export const CLI_ACTOR = OPERATOR_ACTOR;

export const createUserCommand = (services: Pick<Services, 'operator'>, options: NewAccount) =>
  services.operator.createAccount(options);

export const userByEmail = (services: Pick<Services, 'operator'>, email: string) =>
  services.operator.activeAccount(email);
