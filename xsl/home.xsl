<?xml version="1.0" encoding="UTF-8"?>
<!--
  home.xsl: the unit's 首页 (view index): 待办任务列表, 已办任务列表,
  消息中心 and optional shortcuts.  The certificate warning comes from
  the layout.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:import href="layout.xsl"/>

  <!-- The home page. -->
  <xsl:template match="page[@view = 'index']" mode="content">
    <section class="welcome">
      <p>
        <xsl:text>欢迎您,</xsl:text>
        <strong><xsl:value-of select="session/@name"/></strong>
        <xsl:if test="session/@unit != ''">
          <xsl:text>(</xsl:text><xsl:value-of select="session/@unit"/><xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:text>。</xsl:text>
        <xsl:choose>
          <xsl:when test="session/@vip = '1'">贵单位为 VIP 单位,提交的业务由系统按规则自动审核。</xsl:when>
          <xsl:otherwise>提交审批后的业务由经办机构审核,请在已办任务列表中关注审批结果。</xsl:otherwise>
        </xsl:choose>
      </p>
      <p class="counts">
        <span>待办 <strong><xsl:value-of select="count(todo/task)"/></strong> 件</span>
        <span>已办 <strong><xsl:value-of select="count(done/task)"/></strong> 件</span>
        <span>未读消息 <strong><xsl:value-of select="count(inbox/msg[@read != '1' or not(@read)])"/></strong> 条</span>
      </p>
    </section>

    <xsl:if test="shortcuts/*">
      <section class="shortcuts">
        <xsl:call-template name="section"><xsl:with-param name="title">常用业务</xsl:with-param></xsl:call-template>
        <ul class="shortcut-list">
          <xsl:for-each select="shortcuts/*">
            <li>
              <xsl:call-template name="link">
                <xsl:with-param name="href" select="@href"/>
                <xsl:with-param name="label" select="."/>
              </xsl:call-template>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>

    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title">待办任务列表</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="todo/task"/>
        <xsl:with-param name="kind">todo</xsl:with-param>
      </xsl:call-template>
    </section>

    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title">已办任务列表</xsl:with-param></xsl:call-template>
      <xsl:call-template name="task-table">
        <xsl:with-param name="tasks" select="done/task"/>
        <xsl:with-param name="kind">done</xsl:with-param>
      </xsl:call-template>
    </section>

    <section class="panel">
      <xsl:call-template name="section"><xsl:with-param name="title">消息中心</xsl:with-param></xsl:call-template>
      <table class="grid inbox">
        <thead>
          <tr><th class="time">时间</th><th>消息</th><th>相关业务</th><th>状态</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="inbox/msg">
            <xsl:variable name="tid" select="@task"/>
            <xsl:variable name="t" select="(/page/todo/task[@id = $tid] | /page/done/task[@id = $tid])[1]"/>
            <tr>
              <xsl:if test="not(@read = '1')"><xsl:attribute name="class">unread</xsl:attribute></xsl:if>
              <td class="time"><xsl:value-of select="@at"/></td>
              <td><xsl:value-of select="."/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="$t">
                    <xsl:call-template name="link">
                      <xsl:with-param name="href" select="concat($t/@path, '?id=', $t/@id)"/>
                      <xsl:with-param name="label" select="concat($t/@business-name, ' ', $t/@seq)"/>
                    </xsl:call-template>
                  </xsl:when>
                  <xsl:otherwise><xsl:value-of select="$tid"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td>
                <xsl:choose>
                  <xsl:when test="@read = '1'">已读</xsl:when>
                  <xsl:otherwise><span class="badge badge-new">未读</span></xsl:otherwise>
                </xsl:choose>
              </td>
            </tr>
          </xsl:for-each>
          <xsl:if test="not(inbox/msg)">
            <xsl:call-template name="empty-row"><xsl:with-param name="cols">4</xsl:with-param></xsl:call-template>
          </xsl:if>
        </tbody>
      </table>
    </section>
  </xsl:template>

</xsl:stylesheet>
