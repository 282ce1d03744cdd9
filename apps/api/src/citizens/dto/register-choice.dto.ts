import {
  CHOOSER_CHANNELS,
  CHOOSERS,
  Chooser,
  ChooserChannel,
  SWITCH_REASONS,
  SwitchReason,
} from '@kundval/domain';
import { IsDate, IsOneOf, IsRecordId, IsText } from '../../shared/field-validators';

/** A choice of provider, or a switch when the citizen already has one on that date. */
export class RegisterChoiceDto {
  @IsRecordId() providerId: string;
  @IsDate() effectiveDate: string;
  @IsOneOf(CHOOSERS) madeBy: Chooser;
  @IsOneOf(CHOOSER_CHANNELS) channel: ChooserChannel;
  /** Why the citizen switches (rösta med fötterna), if they say. */
  @IsOneOf(SWITCH_REASONS, false) switchReason?: SwitchReason;
  /** Required when the effective date is in the past (caseworkers only). */
  @IsText(2000, false) reason?: string;
}
