/** The sender the configuration names (YISHI_SMS_PROVIDER). */
import type { SmsConfig } from '../config.js';
import { LogSmsSender } from './log-sms-sender.js';
import type { SmsSender } from './sms-sender.js';
import { TencentSmsSender } from './tencent-sms-sender.js';

export function createSmsSender(config: SmsConfig, log?: (line: string) => void): SmsSender {
  switch (config.provider) {
    case 'log':
      return new LogSmsSender(log);
    case 'tencent':
      return new TencentSmsSender(config);
  }
}
