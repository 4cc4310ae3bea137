// The signed-in user: loaded once from GET /session, kept in a reactive store.
import { reactive } from 'vue';
import { api, setCsrf } from './api.js';
import { setServerToday } from './format.js';

export const session = reactive({
  loaded: false,
  user: null,
  permissions: [],
  expired: false, // set when a 401 ended the session, shown on the login page
});

function apply(data) {
  session.user = data.user;
  session.permissions = data.permissions || [];
  setServerToday(data.today); // "this year" and default dates follow the server's day
  setCsrf(data.csrf_token);
  session.loaded = true;
  session.expired = false;
}

/** Loads the session; resolves to the user or null (no session). */
export async function loadSession() {
  try {
    apply(await api.get('/session', undefined, { auth: false }));
  } catch (e) {
    if (e.status !== 401 && e.status !== 403) throw e;
    clearSession();
  }
  session.loaded = true;
  return session.user;
}

export async function login(username, password) {
  const data = await api.post('/session', { username, password }, { auth: false });
  // the login answer lacks nothing we need, but GET /session is the one shape
  setCsrf(data.csrf_token);
  apply({ ...data, permissions: data.permissions || [] });
  if (!data.permissions) await loadSession();
  return session.user;
}

export async function logout() {
  try {
    await api.del('/session', undefined, { auth: false });
  } finally {
    clearSession();
  }
}

export async function changePassword(oldPassword, newPassword) {
  await api.post('/session/password', { old_password: oldPassword, new_password: newPassword });
  await loadSession();
}

export function clearSession() {
  session.user = null;
  session.permissions = [];
  setCsrf(null);
}
