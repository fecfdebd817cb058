
Øº»ÿ£Â–árec/containers/update"â
!containerd.events.ContainerUpdated
c1docker.io/library/bb:latest

appweb1
&io.containerd.image.config.stop-signalSIGTERM"c1