
Í¼ÈØùãqrec2/content/delete"l
containerd.events.ContentDeleteI
Gsha256:5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03