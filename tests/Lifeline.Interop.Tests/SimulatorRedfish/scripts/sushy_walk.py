#!/usr/bin/python3
"""Drive a Lifeline simulated BMC's Redfish face with python3-sushy and print what sushy saw as JSON.

usage: sushy_walk.py BASE_URL USER PASSWORD
The password may also come from the SUSHY_PASSWORD environment variable (pass "-" as PASSWORD).
Steps: session login, systems, power state, boot override read + set, reset, managers, virtual media,
firmware inventory, SEL log entries (sushy 4.3 has no LogService class: read through sushy's session),
session logout. TLS is not verified (verify=False): the simulator's certificate is self-signed.
"""
import json
import os
import sys
import warnings

import sushy
from sushy import auth

warnings.filterwarnings("ignore")
# requests lets REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE override a session's verify=False (psf/requests#3829):
# drop them so sushy's verify=False holds against the simulator's self-signed certificate.
for _name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"):
    os.environ.pop(_name, None)


def value(x):
    return getattr(x, "value", x)


def main():
    base, user, password = sys.argv[1], sys.argv[2], sys.argv[3]
    if password == "-":
        password = os.environ["SUSHY_PASSWORD"]
    out = {}
    session = auth.SessionAuth(username=user, password=password)
    s = sushy.Sushy(base, auth=session, verify=False)
    out["session_uri"] = session.get_session_resource_id()
    out["session_key_present"] = bool(session.get_session_key())
    out["sessions_while_logged_in"] = s._conn.get("/redfish/v1/SessionService/Sessions").json()["Members@odata.count"]

    systems = s.get_system_collection()
    out["systems"] = sorted(systems.members_identities)
    system = s.get_system(out["systems"][0])
    out["system_id"] = system.identity
    out["uuid"] = system.uuid
    out["serial"] = system.serial_number
    out["power_state"] = value(system.power_state)
    out["allowed_resets"] = sorted(value(v) for v in system.get_allowed_reset_system_values())
    out["boot_before"] = {"target": value(system.boot.target), "enabled": value(system.boot.enabled),
                          "mode": value(system.boot.mode)}
    system.set_system_boot_options(target=sushy.BootSource.PXE, enabled=sushy.BootSourceOverrideEnabled.ONCE,
                                   mode=sushy.BootSourceOverrideMode.UEFI)
    system.refresh()
    out["boot_after"] = {"target": value(system.boot.target), "enabled": value(system.boot.enabled),
                         "mode": value(system.boot.mode)}
    system.reset_system(sushy.ResetType.FORCE_OFF)
    system.refresh()
    out["power_after_force_off"] = value(system.power_state)

    managers = s.get_manager_collection()
    manager = s.get_manager(sorted(managers.members_identities)[0])
    out["manager_id"] = manager.identity
    out["firmware_version"] = manager.firmware_version
    out["manager_type"] = value(manager.manager_type)
    media = manager.virtual_media.get_member(manager.virtual_media.members_identities[0])
    media.insert_media("http://127.0.0.1:8/images/boot.iso")
    media.refresh()
    out["media_inserted"] = {"image": media.image, "inserted": media.inserted}
    media.eject_media()
    media.refresh()
    out["media_ejected"] = {"image": media.image, "inserted": media.inserted}

    update = s.get_update_service()
    out["firmware_inventory"] = {i.identity: i.version for i in update.firmware_inventory.get_members()}
    monitor = update.simple_update("http://127.0.0.1:8/images/bmc-7.65.bin", transfer_protocol=sushy.UpdateTransferProtocolType.HTTP)
    out["update_task_monitor"] = monitor.task_monitor_uri
    out["update_in_progress"] = monitor.is_processing

    entries = s._conn.get(system.path + "/LogServices/SEL/Entries").json()
    out["log_entries"] = [{"Id": e["Id"], "Severity": e["Severity"], "Message": e["Message"]} for e in entries["Members"]]

    session.close()
    out["session_after_logout"] = session.get_session_resource_id()
    print(json.dumps(out, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()
