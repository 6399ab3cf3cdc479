/**
 * The command screens (issue #5, docs/commands.md): the commands panel (catalog per device, value per the
 * parameter schema, "Arm…", the live lifecycle list), the select-before-operate confirmation with its arm
 * countdown, and the arm dialog the alarm table's context menu opens. The command service checks roles
 * itself; the screens only disable what the logged-in operator may not do.
 */
package io.plantwatch.ui.command;
