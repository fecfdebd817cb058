
¯¼ÈØŠêí“rec/snapshot/remove"(
 containerd.events.SnapshotRemove
c1