/**
 * Logging in at the console: the session's ViewModel (who is logged in, the inactivity lock), the
 * login dialog, the first-start dialog and the lock screen. The services check roles themselves;
 * these screens only offer what the role allows.
 */
package io.plantwatch.ui.login;
