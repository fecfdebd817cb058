
¯¼ÈØ¥Ïırec/containers/create"}
!containerd.events.ContainerCreateX
c1docker.io/library/bb:latest5
io.containerd.runc.v2
containerd.runc.v1.Options