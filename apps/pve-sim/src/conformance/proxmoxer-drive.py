"""Drives pve-sim with Debian's python3-proxmoxer (an independent Proxmox client) through the
calls Proxdeck depends on, and prints what came back as JSON for other-clients.int-spec.ts.

Usage: /usr/bin/python3 proxmoxer-drive.py HOST PORT TOKEN_SECRET
"""
import json
import sys
import time

from proxmoxer import ProxmoxAPI

host, port, secret = sys.argv[1], int(sys.argv[2]), sys.argv[3]
api = ProxmoxAPI(host, port=port, user="root@pam", token_name="proxdeck", token_value=secret, verify_ssl=False, backend="https")
node = api.nodes("pve1")


def wait(upid):
    for _ in range(400):
        status = node.tasks(upid).status.get()
        if status["status"] == "stopped":
            return status["exitstatus"]
        time.sleep(0.05)
    raise TimeoutError(upid)


def task(upid):
    return {"exitstatus": wait(upid), "log": [line["t"] for line in node.tasks(upid).log.get(limit=500)]}


out = {}
out["pull"] = task(node.storage("local")("oci-registry-pull").post(reference="docker.io/library/nginx:1.27.3"))
out["create"] = task(node.lxc.post(vmid=900, hostname="py", ostemplate="local:vztmpl/nginx_1.27.3.tar", rootfs="local-lvm:1",
                                   mp0="local-lvm:1,mp=/data,backup=1", net0="name=eth0,bridge=vmbr0,ip=dhcp", env="FROM_THE_API=1"))
out["created"] = node.lxc(900).config.get()
node.lxc(900).config.put(env=out["created"]["env"] + "\0FROM_THE_API=1")
out["configured"] = node.lxc(900).config.get()
out["backup"] = task(node.vzdump.post(vmid=900, storage="local", mode="stop"))
archive = node.storage("local").content.get(content="backup", vmid=900)[0]["volid"]
out["restore"] = task(node.lxc.post(vmid=901, ostemplate=archive, restore=1, storage="local-lvm"))
out["restored"] = node.lxc(901).config.get()
out["move"] = task(node.lxc(900).move_volume.post(**{"volume": "mp0", "target-vmid": 901, "target-volume": "mp1"}))
out["source"] = node.lxc(900).config.get()
out["target"] = node.lxc(901).config.get()
print(json.dumps(out))
