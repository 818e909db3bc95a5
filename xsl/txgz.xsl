<?xml version="1.0" encoding="UTF-8"?>
<!--
  txgz.xsl: 非统筹退休人员工资申报 (category jiaofei): the views of
  nianbao.xsl (form, batch, batch-result, task), which words them for
  the unit's registered retirees when /page/@business is txgz.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="nianbao.xsl"/>

</xsl:stylesheet>
