import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { createSmsSender } from './create-sms-sender.js';
import { LogSmsSender } from './log-sms-sender.js';
import { TencentSmsSender } from './tencent-sms-sender.js';

const tencentEnv = {
  YISHI_SMS_PROVIDER: 'tencent',
  YISHI_SMS_TENCENT_SECRET_ID: 'AKIDexample',
  YISHI_SMS_TENCENT_SECRET_KEY: 'example-key',
  YISHI_SMS_TENCENT_SDK_APP_ID: '1400006666',
  YISHI_SMS_SIGN_NAME: '秀江街道',
  YISHI_SMS_TEMPLATE_VERIFICATION_CODE: '1110',
};

describe('SMS configuration and sender', () => {
  it('builds the Tencent configuration from the environment and a Tencent sender from it', () => {
    const config = loadConfig(tencentEnv);
    expect(config.sms).toEqual({
      provider: 'tencent',
      secretId: 'AKIDexample',
      secretKey: 'example-key',
      sdkAppId: '1400006666',
      signName: '秀江街道',
      region: 'ap-guangzhou',
      endpoint: 'sms.tencentcloudapi.com',
      protocol: 'https://',
      templates: { verification_code: '1110' },
    });
    const sender = createSmsSender(config.sms);
    expect(sender).toBeInstanceOf(TencentSmsSender);
    expect(sender.provider).toBe('tencent');
  });

  it('names the variable a Tencent configuration is missing', () => {
    const { YISHI_SMS_TENCENT_SECRET_KEY: _, ...withoutKey } = tencentEnv;
    expect(() => loadConfig(withoutKey)).toThrow(/YISHI_SMS_TENCENT_SECRET_KEY/);
    expect(() => loadConfig({ ...tencentEnv, YISHI_SMS_SIGN_NAME: ' ' })).toThrow(/YISHI_SMS_SIGN_NAME/);
    // The codes' template too: without it every log-in and activation code fails.
    const { YISHI_SMS_TEMPLATE_VERIFICATION_CODE: __, ...withoutTemplate } = tencentEnv;
    expect(() => loadConfig(withoutTemplate)).toThrow(/YISHI_SMS_TEMPLATE_VERIFICATION_CODE/);
  });

  it('logs messages when no provider is configured', () => {
    expect(createSmsSender(loadConfig({}).sms)).toBeInstanceOf(LogSmsSender);
  });
});
