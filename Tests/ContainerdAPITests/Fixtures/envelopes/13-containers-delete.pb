
¯¼ÈØŒ¡˜”rec/containers/delete")
!containerd.events.ContainerDelete
c1