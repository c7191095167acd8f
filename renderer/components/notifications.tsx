/** In-app notifications: placeholder until the queue screen work fills it in. */
export function Notifications() {
  return null;
}
