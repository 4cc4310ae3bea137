import { describe, expect, test } from 'vitest';
import { SMS_PRESETS, applyPreset, settingsBody } from './notify.js';

describe('notification settings in the console', () => {
  test('a template sets the SMS fields and keeps the rest', () => {
    const s = { daily_time: '08:00', sms: { enabled: true, url: 'https://gw.example/send', access_key_id: 'AK', sign: 'none' } };
    const a = applyPreset(s, 'aliyun');
    expect(a.sms.sign).toBe('aliyun-acs3');
    expect(a.sms.url).toBe('https://dysmsapi.aliyuncs.com/');
    expect(a.sms.access_key_id).toBe('AK');
    expect(a.daily_time).toBe('08:00');
    expect(applyPreset(s, 'generic').sms.url).toBe('https://gw.example/send');
    expect(applyPreset(s, 'nothing')).toBe(s);
    expect(Object.keys(SMS_PRESETS)).toEqual(['generic', 'aliyun', 'tencent']);
  });
  test('secrets go out only when typed; the answer\'s "set" flags never go back', () => {
    const form = { daily_time: '07:30', secrets: { smtp_password: { set: true } } };
    expect(settingsBody(form, { smtp_password: '', sms_secret: 'k' })).toEqual({ daily_time: '07:30', secrets: { sms_secret: 'k' } });
    expect(settingsBody(form, {})).toEqual({ daily_time: '07:30' });
  });
});
