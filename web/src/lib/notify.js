// Notifications (issue 17): the channels, the SMS gateway templates the
// settings page offers, and the words of a delivery's status.

export const CHANNELS = [
  { code: 'email', label: '电子邮件' },
  { code: 'sms', label: '短信' },
  { code: 'wecom', label: '企业微信群机器人' },
  { code: 'dingtalk', label: '钉钉群机器人' },
];

export const STATUS_LABELS = { queued: '待发送', sending: '发送中', sent: '已发送', failed: '失败' };
export const KIND_LABELS = { daily_reminder: '每日一提醒', test: '测试消息' };

/** The SMS gateway templates: the fields of `sms` each one sets (the secret stays the user's). */
export const SMS_PRESETS = {
  generic: {
    label: '通用 HTTP 网关（HMAC-SHA256 签名）',
    sms: {
      method: 'POST', body_escape: 'json', sign: 'hmac-sha256', sign_header: 'X-Signature', sign_string: '{timestamp}\n{body}',
      headers: [], body: '{"phone":"{phone}","text":"{text}","id":"{message_id}"}',
    },
  },
  aliyun: {
    label: '阿里云短信（ACS3-HMAC-SHA256）',
    sms: {
      url: 'https://dysmsapi.aliyuncs.com/', method: 'POST', body_escape: 'form', sign: 'aliyun-acs3', headers: [],
      body: 'PhoneNumbers={phone}&SignName={sign_name}&TemplateCode={template_code}&TemplateParam={template_param}',
    },
  },
  tencent: {
    label: '腾讯云短信（TC3-HMAC-SHA256）',
    sms: {
      url: 'https://sms.tencentcloudapi.com/', method: 'POST', body_escape: 'json', sign: 'tencent-tc3', headers: ['X-TC-Region: ap-guangzhou'],
      body: '{"PhoneNumberSet":["+86{phone}"],"SmsSdkAppId":"{app_id}","SignName":"{sign_name}","TemplateId":"{template_code}","TemplateParamSet":["{text}"]}',
    },
  },
};

/** The settings with one SMS template applied (a new object; other fields kept). */
export function applyPreset(settings, name) {
  const p = SMS_PRESETS[name];
  if (!p) return settings;
  return { ...settings, sms: { ...settings.sms, ...p.sms, url: p.sms.url ?? settings.sms?.url ?? '' } };
}

/** The body of PUT /notify/settings from the form: secrets only when typed (empty keeps them). */
export function settingsBody(form, typedSecrets) {
  const { secrets, ...rest } = form;
  const body = JSON.parse(JSON.stringify(rest));
  const s = {};
  for (const [k, v] of Object.entries(typedSecrets || {})) if (v) s[k] = v;
  if (Object.keys(s).length) body.secrets = s;
  return body;
}
